/// The fixed vocabularies of the CMLE generator: products, pages and people.
///
/// Every string the generator writes comes from one of these lists, so each
/// column is built from codes into a dictionary made once, never from a
/// per-event string lookup. The lists do not depend on the seed.
struct CMLECatalog: Sendable {
  /// A product category with its price range and share of browsing.
  struct Category: Sendable {
    let name: String
    let skuPrefix: String
    let lowestPrice: Double
    let highestPrice: Double
    /// Relative popularity, in percent of all product interest.
    let popularity: Int
  }

  static let categories: [Category] = [
    Category(name: "apparel", skuPrefix: "APP", lowestPrice: 15, highestPrice: 120, popularity: 22),
    Category(
      name: "footwear", skuPrefix: "FTW", lowestPrice: 40, highestPrice: 220, popularity: 14),
    Category(
      name: "accessories", skuPrefix: "ACC", lowestPrice: 10, highestPrice: 90, popularity: 12),
    Category(
      name: "electronics", skuPrefix: "ELC", lowestPrice: 30, highestPrice: 1200, popularity: 14),
    Category(name: "home", skuPrefix: "HOM", lowestPrice: 12, highestPrice: 400, popularity: 12),
    Category(name: "beauty", skuPrefix: "BTY", lowestPrice: 8, highestPrice: 75, popularity: 10),
    Category(name: "sports", skuPrefix: "SPT", lowestPrice: 15, highestPrice: 300, popularity: 9),
    Category(name: "outdoors", skuPrefix: "OUT", lowestPrice: 20, highestPrice: 500, popularity: 7),
  ]

  /// Products per category; a category's SKUs are ordered by rising price.
  static let skusPerCategory = 24

  /// Site pages: (name, path). Category pages follow, one per category.
  static let fixedPages: [(name: String, path: String)] = [
    ("Home", "/"), ("Search Results", "/search"), ("Offers", "/offers"), ("Cart", "/cart"),
    ("Checkout", "/checkout"), ("My Account", "/account"), ("Help Center", "/help"),
    ("Blog", "/blog"),
  ]
  static let siteRoot = "https://shop.example.com"

  enum Page {
    static let home: Int16 = 0
    static let search: Int16 = 1
    static let offers: Int16 = 2
    static let cart: Int16 = 3
    static let checkout: Int16 = 4
    static let account: Int16 = 5
    static let help: Int16 = 6
    static let blog: Int16 = 7
    static func category(_ index: Int) -> Int16 { Int16(fixedPages.count + index) }
  }

  static let loyaltyTiers = ["member", "silver", "gold", "platinum"]

  /// Countries (ISO 3166 alpha-2) with their share of customers in percent.
  static let countries: [(code: String, weight: Int)] = [
    ("US", 55), ("CA", 8), ("GB", 10), ("DE", 7), ("FR", 6), ("AU", 5), ("JP", 4), ("BR", 3),
    ("MX", 2),
  ]

  /// US states and Canadian provinces with rough population weights.
  static let usStates: [(code: String, weight: Int)] = [
    ("CA", 39), ("TX", 30), ("FL", 22), ("NY", 20), ("PA", 13), ("IL", 13), ("OH", 12),
    ("GA", 11), ("NC", 11), ("MI", 10), ("NJ", 9), ("VA", 9), ("WA", 8), ("AZ", 7), ("MA", 7),
    ("TN", 7), ("IN", 7), ("MO", 6), ("MD", 6), ("WI", 6), ("CO", 6), ("MN", 6), ("SC", 5),
    ("AL", 5), ("LA", 5), ("KY", 4), ("OR", 4), ("OK", 4), ("CT", 4), ("UT", 3), ("NV", 3),
    ("IA", 3), ("AR", 3), ("KS", 3), ("NM", 2), ("NE", 2), ("ID", 2), ("WV", 2), ("HI", 1),
    ("NH", 1), ("ME", 1), ("MT", 1), ("RI", 1), ("DE", 1), ("SD", 1), ("ND", 1), ("AK", 1),
    ("DC", 1), ("VT", 1), ("WY", 1), ("MS", 3),
  ]
  static let canadianProvinces: [(code: String, weight: Int)] = [
    ("ON", 39), ("QC", 22), ("BC", 14), ("AB", 12), ("MB", 4), ("SK", 3), ("NS", 3), ("NB", 2),
    ("NL", 1),
  ]

  static let firstNames = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark",
    "Betty", "Steven", "Ashley", "Paul", "Emily", "Andrew", "Kimberly", "Joshua", "Margaret",
    "Kevin", "Emma", "Brian", "Olivia", "Hiroshi", "Yuki", "Lukas", "Sophie", "Mateo", "Camila",
    "Liam", "Chloe", "Noah", "Amelia", "Arjun", "Priya", "Lucas", "Julia", "Felix", "Mia",
    "Carlos", "Ana", "Ethan", "Zoe",
  ]
  static let lastNames = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
    "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Tanaka", "Suzuki", "Muller",
    "Schmidt", "Dubois", "Bernard", "Silva", "Santos", "Patel", "Singh",
  ]
  static let emailDomains = ["example.com", "example.net", "example.org", "mail.example.com"]
  static let firstNamesLowercased = firstNames.map { $0.lowercased() }
  static let lastNamesLowercased = lastNames.map { $0.lowercased() }

  // MARK: Derived tables, built once per generation.

  let skuNames: [String]
  let skuCategory: [Int32]
  let skuPrice: [Double]
  let pageNames: [String]
  let pageURLs: [String]
  /// 256 equally likely slots, each naming a category by popularity.
  let categoryBySlot: [UInt8]
  /// 256 equally likely slots, each naming an hour of the day by site traffic.
  let hourBySlot: [UInt8]

  init() {
    var names: [String] = []
    var categoryOfSku: [Int32] = []
    var prices: [Double] = []
    for (categoryIndex, category) in Self.categories.enumerated() {
      for step in 0..<Self.skusPerCategory {
        names.append("\(category.skuPrefix)-\(1001 + step)")
        categoryOfSku.append(Int32(categoryIndex))
        // Prices rise quadratically, so most products are cheap and a few dear.
        let fraction = Double(step) / Double(Self.skusPerCategory - 1)
        let raw =
          category.lowestPrice + (category.highestPrice - category.lowestPrice) * fraction
          * fraction
        prices.append(raw.rounded(.down) + 0.99)
      }
    }
    skuNames = names
    skuCategory = categoryOfSku
    skuPrice = prices
    pageNames =
      Self.fixedPages.map(\.name)
      + Self.categories.map { "Category: " + $0.name.prefix(1).uppercased() + $0.name.dropFirst() }
    pageURLs =
      Self.fixedPages.map { Self.siteRoot + $0.path }
      + Self.categories.map { Self.siteRoot + "/c/" + $0.name }
    categoryBySlot = Self.slots(weights: Self.categories.map(\.popularity))
    // Traffic is low overnight, rises through the day and peaks in the evening.
    let hourWeights = [
      2, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 9, 8, 7, 7, 7, 8, 9, 11, 12, 11, 8, 4,
    ]
    hourBySlot = Self.slots(weights: hourWeights)
  }

  var pageCount: Int { pageNames.count }

  /// Spreads 256 slots over the indices in proportion to `weights`.
  static func slots(weights: [Int]) -> [UInt8] {
    let total = weights.reduce(0, +)
    var slots: [UInt8] = []
    slots.reserveCapacity(256)
    var cumulative = 0
    for (index, weight) in weights.enumerated() {
      cumulative += weight
      let end = cumulative * 256 / total
      while slots.count < end { slots.append(UInt8(index)) }
    }
    return slots
  }

  /// Picks an index with probability proportional to `weights` from one draw.
  static func weightedIndex(_ weights: [(code: String, weight: Int)], draw: Int) -> Int {
    var remaining = draw
    for (index, entry) in weights.enumerated() {
      if remaining < entry.weight { return index }
      remaining -= entry.weight
    }
    return weights.count - 1
  }
}
