/// The names and types of a table's columns, as the planner sees them.
public struct Schema: Sendable, Hashable {
  public struct Field: Sendable, Hashable {
    public var name: String
    public var type: DataType
    public init(name: String, type: DataType) {
      self.name = name
      self.type = type
    }
  }

  public var fields: [Field]

  public init(_ fields: [Field]) { self.fields = fields }

  public init(of table: Table) {
    fields = zip(table.names, table.types).map { Field(name: $0, type: $1) }
  }

  public var names: [String] { fields.map(\.name) }

  public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

  public subscript(index: Int) -> Field { fields[index] }

  public var count: Int { fields.count }
}
