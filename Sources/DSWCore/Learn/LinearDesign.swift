/// Turns features into the standardized numeric columns linear models and
/// k-means work on.
///
/// A numeric feature is one column, nulls imputed with the training mean; if
/// it had nulls in training it also gets a 0/1 "is null" column. A string
/// feature is one-hot encoded over its training categories (null or unseen: all
/// zeros). Every column is then standardized with its training mean and
/// population standard deviation (1 when constant), as scikit-learn's
/// `StandardScaler` does.
struct LinearDesign: Sendable, Hashable {
  enum TermKind: Sendable, Hashable {
    /// The feature's value, nulls replaced by `imputed`.
    case value(imputed: Double)
    /// 1 when the feature is null.
    case missing
    /// 1 when the feature holds this category code.
    case category(Int32)
  }

  struct Term: Sendable, Hashable {
    var feature: Int
    var kind: TermKind
    var mean: Double
    var scale: Double
  }

  var terms: [Term]

  /// A readable name for each term: `age`, `age is null`, `plan=gold`.
  func labels(_ specs: [FeatureSpec]) -> [String] {
    terms.map { term in
      let name = specs[term.feature].name
      switch (term.kind, specs[term.feature].encoding) {
      case (.value, _): return name
      case (.missing, _): return "\(name) is null"
      case (.category(let code), .categorical(let categories)):
        return "\(name)=\(categories[Int(code)])"
      case (.category(let code), .numeric): return "\(name)=\(code)"
      }
    }
  }

  /// The design fitted on training rows.
  static func fit(_ specs: [FeatureSpec], frame: FeatureFrame) -> LinearDesign {
    var terms: [Term] = []
    for (feature, values) in frame.values.enumerated() {
      switch values {
      case .numeric(let numbers):
        var sum = 0.0
        var present = 0
        for value in numbers where !value.isNaN {
          sum += value
          present += 1
        }
        let mean = present > 0 ? sum / Double(present) : 0
        terms.append(Term(feature: feature, kind: .value(imputed: mean), mean: 0, scale: 1))
        if present < numbers.count {
          terms.append(Term(feature: feature, kind: .missing, mean: 0, scale: 1))
        }
      case .categorical:
        guard case .categorical(let categories) = specs[feature].encoding else { continue }
        for code in categories.indices {
          terms.append(Term(feature: feature, kind: .category(Int32(code)), mean: 0, scale: 1))
        }
      }
    }
    var design = LinearDesign(terms: terms)
    let rowCount = Double(max(frame.rowCount, 1))
    for index in design.terms.indices {
      let column = design.column(index, frame)
      let mean = column.reduce(0, +) / rowCount
      var squares = 0.0
      for value in column { squares += (value - mean) * (value - mean) }
      let deviation = (squares / rowCount).squareRoot()
      design.terms[index].mean = mean
      design.terms[index].scale = deviation > 0 && deviation.isFinite ? deviation : 1
    }
    return design
  }

  /// Term `index` of every row of `frame`, before standardizing.
  func column(_ index: Int, _ frame: FeatureFrame) -> [Double] {
    let term = terms[index]
    switch (term.kind, frame.values[term.feature]) {
    case (.value(let imputed), .numeric(let numbers)):
      return numbers.map { $0.isNaN ? imputed : $0 }
    case (.missing, .numeric(let numbers)):
      return numbers.map { $0.isNaN ? 1 : 0 }
    case (.category(let code), .categorical(let codes)):
      return codes.map { $0 == code ? 1 : 0 }
    default:
      return [Double](repeating: 0, count: frame.rowCount)
    }
  }

  /// Term `index` of every row, standardized.
  func standardizedColumn(_ index: Int, _ frame: FeatureFrame) -> [Double] {
    let term = terms[index]
    return column(index, frame).map { ($0 - term.mean) / term.scale }
  }

  /// The standardized design, row-major: row `r` is `matrix[r*p ..< (r+1)*p]`.
  func matrix(_ frame: FeatureFrame) -> [Double] {
    let width = terms.count
    var matrix = [Double](repeating: 0, count: frame.rowCount * width)
    for index in terms.indices {
      let column = standardizedColumn(index, frame)
      for row in column.indices { matrix[row * width + index] = column[row] }
    }
    return matrix
  }
}
