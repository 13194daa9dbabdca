/// The header in front of every page of a column chunk: the page's kind,
/// sizes, and the header of that kind.
///
/// Decoding checks that the header of the page's kind is present and that the
/// sizes are not negative, so the column reader can trust both.
public struct PageHeader: Sendable, Equatable, ThriftStruct {
  public var type: PageType
  public var uncompressedPageSize: Int32
  public var compressedPageSize: Int32
  public var crc: Int32?
  public var dataPageHeader: DataPageHeader?
  public var dictionaryPageHeader: DictionaryPageHeader?
  public var dataPageHeaderV2: DataPageHeaderV2?

  public init(
    type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
    dataPageHeader: DataPageHeader? = nil, dictionaryPageHeader: DictionaryPageHeader? = nil,
    dataPageHeaderV2: DataPageHeaderV2? = nil
  ) {
    self.type = type
    self.uncompressedPageSize = uncompressedPageSize
    self.compressedPageSize = compressedPageSize
    self.crc = crc
    self.dataPageHeader = dataPageHeader
    self.dictionaryPageHeader = dictionaryPageHeader
    self.dataPageHeaderV2 = dataPageHeaderV2
  }

  /// Reads the header at the cursor and moves the cursor past it, to the
  /// page's bytes.
  public static func read(from cursor: inout ByteCursor) throws(ParquetError) -> PageHeader {
    var reader = ThriftCompactReader(cursor)
    let header = try decode(&reader)
    cursor.position = reader.cursor.position
    return header
  }

  public static func decode(_ reader: inout ThriftCompactReader) throws(ParquetError) -> PageHeader
  {
    let name = "PageHeader"
    var type: PageType?
    var uncompressedPageSize: Int32?
    var compressedPageSize: Int32?
    var crc: Int32?
    var dataPageHeader: DataPageHeader?
    var dictionaryPageHeader: DictionaryPageHeader?
    var dataPageHeaderV2: DataPageHeaderV2?
    try reader.beginStruct()
    while let field = try reader.nextField() {
      switch (field.id, field.type) {
      case (1, .i32): type = try PageType.decode(try reader.i32())
      case (2, .i32): uncompressedPageSize = try reader.i32()
      case (3, .i32): compressedPageSize = try reader.i32()
      case (4, .i32): crc = try reader.i32()
      case (5, .structure): dataPageHeader = try DataPageHeader.decode(&reader)
      case (7, .structure): dictionaryPageHeader = try DictionaryPageHeader.decode(&reader)
      case (8, .structure): dataPageHeaderV2 = try DataPageHeaderV2.decode(&reader)
      default: try reader.skip(field.type)
      }
    }
    let header = PageHeader(
      type: try type.required("type", in: name),
      uncompressedPageSize: try uncompressedPageSize.required("uncompressed_page_size", in: name),
      compressedPageSize: try compressedPageSize.required("compressed_page_size", in: name),
      crc: crc, dataPageHeader: dataPageHeader, dictionaryPageHeader: dictionaryPageHeader,
      dataPageHeaderV2: dataPageHeaderV2)
    try header.check()
    return header
  }

  private func check() throws(ParquetError) {
    let name = "PageHeader"
    try ParquetError.checkNotNegative(uncompressedPageSize, "uncompressed_page_size", in: name)
    try ParquetError.checkNotNegative(compressedPageSize, "compressed_page_size", in: name)
    switch type {
    case .dataPage:
      _ = try dataPageHeader.required("data_page_header", in: "PageHeader of a DATA_PAGE")
    case .dictionaryPage:
      _ = try dictionaryPageHeader.required(
        "dictionary_page_header", in: "PageHeader of a DICTIONARY_PAGE")
    case .dataPageV2:
      let v2 = try dataPageHeaderV2.required(
        "data_page_header_v2", in: "PageHeader of a DATA_PAGE_V2")
      // The levels sit uncompressed at the front of the page's bytes.
      let levels = Int64(v2.definitionLevelsByteLength) + Int64(v2.repetitionLevelsByteLength)
      guard levels <= Int64(compressedPageSize) else {
        throw ParquetError(
          "DataPageHeaderV2 has \(levels) bytes of levels in a page of "
            + "\(compressedPageSize) bytes")
      }
    case .indexPage:
      break
    }
  }

  public func encode(into writer: inout ThriftCompactWriter) {
    writer.beginStruct()
    writer.field(1, i32: type.rawValue)
    writer.field(2, i32: uncompressedPageSize)
    writer.field(3, i32: compressedPageSize)
    if let crc { writer.field(4, i32: crc) }
    if let dataPageHeader { writer.field(5, struct: dataPageHeader) }
    if let dictionaryPageHeader { writer.field(7, struct: dictionaryPageHeader) }
    if let dataPageHeaderV2 { writer.field(8, struct: dataPageHeaderV2) }
    writer.endStruct()
  }
}
