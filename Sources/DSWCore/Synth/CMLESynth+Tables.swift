/// Turns the simulator's code buffers into the typed, dictionary-encoded tables.
extension CMLESynth {
  static func profileTable(_ buffer: CMLEProfileBuffer, catalog: CMLECatalog) -> Table {
    let rowCount = buffer.userIds.count
    let identityCodes = (0..<Int32(truncatingIfNeeded: rowCount)).map { $0 }
    let states = CMLECatalog.usStates.map(\.code) + CMLECatalog.canadianProvinces.map(\.code)
    return Table([
      // ECIDs and emails are unique by construction, so each row is its own code.
      (
        "userId",
        Column(codes: identityCodes, dictionary: StringDictionary(uniqueStrings: buffer.userIds))
      ),
      (
        "email",
        Column(codes: identityCodes, dictionary: StringDictionary(uniqueStrings: buffer.emails))
      ),
      (
        "firstName",
        Column(
          codes: buffer.firstNames,
          dictionary: StringDictionary(uniqueStrings: CMLECatalog.firstNames))
      ),
      (
        "lastName",
        Column(
          codes: buffer.lastNames,
          dictionary: StringDictionary(uniqueStrings: CMLECatalog.lastNames))
      ),
      (
        "loyaltyTier",
        Column(
          codes: buffer.tiers, dictionary: StringDictionary(uniqueStrings: CMLECatalog.loyaltyTiers)
        )
      ),
      ("loyaltyPoints", Column(ints: buffer.points)),
      (
        "country",
        Column(
          codes: buffer.countries,
          dictionary: StringDictionary(uniqueStrings: CMLECatalog.countries.map(\.code)))
      ),
      ("state", Column(codes: buffer.states, dictionary: StringDictionary(uniqueStrings: states))),
      ("signupDate", Column(dates: buffer.signupDays)),
    ])
  }

  static func eventTable(
    _ buffer: CMLEEventBuffer, userIds: [String], catalog: CMLECatalog, startDay: Int64
  ) -> Table {
    let rowCount = buffer.count
    // Stable: ties keep the order users were generated in.
    let order = Sorting.permutation(
      [Sorting.Key(column: Column(ints: buffer.times), descending: false)], rowCount: rowCount)
    let startMillis = startDay * CMLECustomerSimulator.millisPerDay

    var users = [Int32](repeating: 0, count: rowCount)
    var timestamps = [Int64](repeating: 0, count: rowCount)
    var types = [Int32](repeating: 0, count: rowCount)
    var pages = [Int32](repeating: -1, count: rowCount)
    var skus = [Int32](repeating: -1, count: rowCount)
    var categories = [Int32](repeating: -1, count: rowCount)
    var prices = [Double](repeating: 0, count: rowCount)
    var quantities = [Int64](repeating: 0, count: rowCount)
    var totals = [Double](repeating: 0, count: rowCount)
    var pageValid = Bitmap(count: rowCount, value: false)
    var productValid = Bitmap(count: rowCount, value: false)
    var totalValid = Bitmap(count: rowCount, value: false)
    let purchase = CMLEEventType.purchase.rawValue

    for row in 0..<rowCount {
      let source = Int(order[row])
      users[row] = buffer.users[source]
      timestamps[row] = (startMillis + buffer.times[source]) * 1_000
      types[row] = Int32(buffer.types[source])
      let page = buffer.pages[source]
      if page >= 0 {
        pages[row] = Int32(page)
        pageValid.set(row)
      }
      let sku = Int(buffer.skus[source])
      if sku >= 0 {
        let quantity = buffer.quantities[source]
        let price = catalog.skuPrice[sku]
        skus[row] = Int32(sku)
        categories[row] = catalog.skuCategory[sku]
        prices[row] = price
        quantities[row] = Int64(quantity)
        productValid.set(row)
        if buffer.types[source] == purchase {
          totals[row] = price * Double(quantity)
          totalValid.set(row)
        }
      }
    }

    let eventTypes = CMLEEventType.allCases.map(\.xdmName)
    let categoryNames = CMLECatalog.categories.map(\.name)
    func strings(_ codes: [Int32], _ dictionary: [String], _ validity: Bitmap) -> Column {
      Column(
        storage: .string(codes: codes, dictionary: StringDictionary(uniqueStrings: dictionary)),
        validity: validity)
    }
    return Table(
      names: [
        "userId", "timestamp", "eventType", "web.webPageDetails.name", "web.webPageDetails.URL",
        "commerce.order.priceTotal", "sku", "category", "price", "quantity",
      ],
      columns: [
        Column(
          storage: .string(codes: users, dictionary: StringDictionary(uniqueStrings: userIds))),
        Column(timestamps: timestamps),
        Column(
          storage: .string(codes: types, dictionary: StringDictionary(uniqueStrings: eventTypes))),
        strings(pages, catalog.pageNames, pageValid),
        strings(pages, catalog.pageURLs, pageValid),
        Column(doubles: totals, validity: totalValid),
        strings(skus, catalog.skuNames, productValid),
        strings(categories, categoryNames, productValid),
        Column(doubles: prices, validity: productValid),
        Column(ints: quantities, validity: productValid),
      ],
      rowCount: rowCount)
  }
}
