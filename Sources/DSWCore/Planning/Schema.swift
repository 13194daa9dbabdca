/// The names and types of a table's columns, as the planner sees them.
///
/// Names are found through an index, not a scan: planning a `derive` of
/// 50,000 items looks up and adds a name per item, which scanning made
/// quadratic.
public struct Schema: Sendable, Hashable {
  public struct Field: Sendable, Hashable {
    public var name: String
    public var type: DataType
    public init(name: String, type: DataType) {
      self.name = name
      self.type = type
    }
  }

  public private(set) var fields: [Field]
  /// The position of the first field of each name.
  private var positions: [String: Int]

  public init(_ fields: [Field]) {
    self.fields = fields
    positions = [:]
    positions.reserveCapacity(fields.count)
    for (index, field) in fields.enumerated() where positions[field.name] == nil {
      positions[field.name] = index
    }
  }

  public init(of table: Table) {
    self.init(zip(table.names, table.types).map { Field(name: $0, type: $1) })
  }

  public var names: [String] { fields.map(\.name) }

  public func index(of name: String) -> Int? { positions[name] }

  public subscript(index: Int) -> Field { fields[index] }

  public var count: Int { fields.count }

  /// Replaces the field of the same name, or adds `field` at the end.
  public mutating func set(_ field: Field) {
    if let index = positions[field.name] {
      fields[index] = field
    } else {
      positions[field.name] = fields.count
      fields.append(field)
    }
  }

  /// Changes the type of the field at `index`.
  public mutating func setType(_ type: DataType, at index: Int) {
    fields[index].type = type
  }
}
