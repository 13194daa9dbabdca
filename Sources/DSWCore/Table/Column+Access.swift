/// Typed views of a column's payload, for kernels.
///
/// Each accessor returns the payload array for the matching storage (arrays
/// are copy-on-write, so this does not copy) and an empty array otherwise;
/// the planner guarantees the types, so kernels never see a mismatch.
extension Column {
  /// The payload of an int, timestamp or date column.
  public var int64Values: [Int64] {
    switch storage {
    case .int(let values), .timestamp(let values), .date(let values): values
    case .bool(let values): values.map { $0 ? 1 : 0 }
    default: []
    }
  }

  public var doubleValues: [Double] {
    switch storage {
    case .double(let values): values
    default: []
    }
  }

  public var boolValues: [Bool] {
    switch storage {
    case .bool(let values): values
    default: []
    }
  }

  /// The codes and dictionary of a string column.
  public var stringCodes: (codes: [Int32], dictionary: StringDictionary) {
    switch storage {
    case .string(let codes, let dictionary): (codes, dictionary)
    default: ([], StringDictionary())
    }
  }

  /// Any numeric (or bool) column as doubles; null slots hold 0.
  public var numericAsDoubles: [Double] {
    switch storage {
    case .double(let values): return values
    case .int(let values), .timestamp(let values), .date(let values):
      return values.map { Double($0) }
    case .bool(let values): return values.map { $0 ? 1 : 0 }
    case .string: return Array(repeating: 0, count: count)
    }
  }

  /// A column of the same type with the given validity.
  public func withValidity(_ validity: Bitmap?) -> Column {
    Column(storage: storage, validity: validity)
  }

  /// Builds a column of `type` from an integer payload.
  public static func integerBacked(_ type: DataType, _ values: [Int64], validity: Bitmap?)
    -> Column
  {
    switch type {
    case .timestamp: Column(timestamps: values, validity: validity)
    case .date: Column(dates: values, validity: validity)
    case .bool: Column(bools: values.map { $0 != 0 }, validity: validity)
    default: Column(ints: values, validity: validity)
    }
  }
}

extension Bitmap {
  /// The validity of a row-wise combination: valid only where both are.
  public static func both(_ lhs: Bitmap?, _ rhs: Bitmap?) -> Bitmap? {
    switch (lhs, rhs) {
    case (nil, nil): nil
    case (let bitmap?, nil), (nil, let bitmap?): bitmap
    case (let left?, let right?): left & right
    }
  }
}
