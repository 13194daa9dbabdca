/// One node of a Parquet schema, which the footer stores flattened in
/// depth-first order: a group has `numChildren`, a leaf column has a `type`.
public struct SchemaElement: Sendable, Equatable, ThriftStruct {
  /// The physical type of a leaf; `nil` for a group.
  public var type: PhysicalType?
  /// The byte width of a FIXED_LEN_BYTE_ARRAY leaf.
  public var typeLength: Int32?
  /// `nil` only for the root, by convention.
  public var repetition: Repetition?
  public var name: String
  public var numChildren: Int32?
  /// `nil` also when the file holds a number this reader doesn't know.
  public var convertedType: ConvertedType?
  public var scale: Int32?
  public var precision: Int32?
  public var fieldID: Int32?
  public var logicalType: LogicalType?

  public init(
    type: PhysicalType? = nil, typeLength: Int32? = nil, repetition: Repetition? = nil,
    name: String, numChildren: Int32? = nil, convertedType: ConvertedType? = nil,
    scale: Int32? = nil, precision: Int32? = nil, fieldID: Int32? = nil,
    logicalType: LogicalType? = nil
  ) {
    self.type = type
    self.typeLength = typeLength
    self.repetition = repetition
    self.name = name
    self.numChildren = numChildren
    self.convertedType = convertedType
    self.scale = scale
    self.precision = precision
    self.fieldID = fieldID
    self.logicalType = logicalType
  }

  public static func decode(
    _ reader: inout ThriftCompactReader
  ) throws(ParquetError) -> SchemaElement {
    var element = SchemaElement(name: "")
    var name: String?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .i32): element.type = try PhysicalType.decode(try reader.i32())
      case (2, .i32): element.typeLength = try reader.i32()
      case (3, .i32): element.repetition = try Repetition.decode(try reader.i32())
      case (4, .binary): name = try reader.string()
      case (5, .i32): element.numChildren = try reader.i32()
      case (6, .i32): element.convertedType = ConvertedType(rawValue: try reader.i32())
      case (7, .i32): element.scale = try reader.i32()
      case (8, .i32): element.precision = try reader.i32()
      case (9, .i32): element.fieldID = try reader.i32()
      case (10, .structure): element.logicalType = try LogicalType.decode(&reader)
      default: try reader.skip(field.type)
      }
    }
    element.name = try name.required("name", in: "SchemaElement")
    if let typeLength = element.typeLength {
      try ParquetError.checkNotNegative(typeLength, "type_length", in: "SchemaElement")
    }
    if let numChildren = element.numChildren {
      try ParquetError.checkNotNegative(numChildren, "num_children", in: "SchemaElement")
    }
    return element
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    if let type { writer.field(1, i32: type.rawValue) }
    if let typeLength { writer.field(2, i32: typeLength) }
    if let repetition { writer.field(3, i32: repetition.rawValue) }
    writer.field(4, string: name)
    if let numChildren { writer.field(5, i32: numChildren) }
    if let convertedType { writer.field(6, i32: convertedType.rawValue) }
    if let scale { writer.field(7, i32: scale) }
    if let precision { writer.field(8, i32: precision) }
    if let fieldID { writer.field(9, i32: fieldID) }
    if let logicalType { writer.field(10, struct: logicalType) }
    writer.endStruct()
  }
}
