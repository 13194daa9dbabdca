/// A table or view of a remote database.
public struct RemoteTableName: Sendable, Hashable {
  public var schema: String
  public var name: String
  public init(schema: String, name: String) {
    self.schema = schema
    self.name = name
  }
  public var display: String { "\(schema).\(name)" }
}

/// A column of a remote table: its engine type and how dsw reads it.
public struct RemoteColumn: Sendable, Hashable {
  public var name: String
  /// The engine's type, as `information_schema` spells it ("integer", "numeric(12,2)").
  public var remoteType: String
  public var type: DataType
  /// Why reading it may change values (numeric precision), when it may.
  public var note: String?
}

/// A remote table's columns, and the relation pipelines over it read: the
/// table itself when its columns already have dsw's types, else a `SELECT`
/// that converts each column once, so that every expression over it means
/// what it means in dsw (64-bit integers, doubles, text, UTC timestamps).
public struct RemoteTableShape: Sendable {
  public var table: RemoteTableName
  public var columns: [RemoteColumn]
  public var relation: SQLRelation
  public var schema: Schema { Schema(columns.map { .init(name: $0.name, type: $0.type) }) }
}

/// The SQL that asks a PostgreSQL-wire engine about its catalog, and the
/// mapping of its types to dsw's. Only `information_schema` is used, which
/// PostgreSQL, Redshift, Query Service and their kin all answer.
public enum RemoteCatalog {
  /// Lists tables and views outside the system schemas.
  public static let tablesQuery = """
    SELECT CAST(table_schema AS text) AS "schema", CAST(table_name AS text) AS "name", \
    CAST(CASE table_type WHEN 'BASE TABLE' THEN 'table' WHEN 'VIEW' THEN 'view' \
    WHEN 'FOREIGN' THEN 'foreign table' ELSE lower(table_type) END AS text) AS "kind" \
    FROM information_schema.tables \
    WHERE table_schema NOT IN ('pg_catalog', 'information_schema') \
    AND table_schema NOT LIKE 'pg\\_temp%' AND table_schema NOT LIKE 'pg\\_toast%' \
    ORDER BY 1, 2
    """

  /// The schemas holding a table called `name`, in the order the session's
  /// search path looks through them.
  public static func schemasQuery(table name: String) -> String {
    """
    SELECT CAST(table_schema AS text) AS "schema" FROM information_schema.tables \
    WHERE table_name = \(literal(name)) \
    AND table_schema = ANY (current_schemas(false)) \
    ORDER BY array_position(current_schemas(false), CAST(table_schema AS name))
    """
  }

  /// The columns of a table, in order.
  public static func columnsQuery(_ table: RemoteTableName) -> String {
    """
    SELECT CAST(column_name AS text) AS "name", CAST(data_type AS text) AS "type", \
    CAST(numeric_precision AS bigint) AS "precision", CAST(numeric_scale AS bigint) AS "scale" \
    FROM information_schema.columns \
    WHERE table_schema = \(literal(table.schema)) AND table_name = \(literal(table.name)) \
    ORDER BY ordinal_position
    """
  }

  /// A string literal: `'` doubled, as standard SQL writes it.
  public static func literal(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// How dsw reads a column of the engine's `remoteType`, and the SQL that
  /// converts `column` (already quoted) into that type, when one is needed.
  public static func mapping(remoteType: String, precision: Int?, scale: Int?, column: String)
    -> (type: DataType, conversion: String?, note: String?)
  {
    switch remoteType {
    case "bigint": return (.int, nil, nil)
    case "smallint", "integer": return (.int, "CAST(\(column) AS bigint)", nil)
    case "double precision": return (.double, nil, nil)
    case "real": return (.double, "CAST(\(column) AS double precision)", nil)
    case "numeric", "decimal", "money":
      var note: String? = nil
      if remoteType == "money" {
        note = "money read as double"
      } else if let precision, precision > 15 {
        note =
          "numeric(\(precision)\(scale.map { ",\($0)" } ?? "")) read as double: digits past the 15th may change"
      } else if precision == nil {
        note = "numeric without a precision read as double: digits past the 15th may change"
      }
      return (.double, "CAST(\(column) AS double precision)", note)
    case "text": return (.string, nil, nil)
    case "character varying", "character", "name", "\"char\"", "citext":
      return (.string, "CAST(\(column) AS text)", nil)
    case "boolean": return (.bool, nil, nil)
    case "date": return (.date, nil, nil)
    case "timestamp without time zone": return (.timestamp, nil, nil)
    case "timestamp with time zone":
      return (.timestamp, "(\(column) AT TIME ZONE 'UTC')", "timestamptz read as its UTC time")
    default:
      return (.string, "CAST(\(column) AS text)", "\(remoteType) read as its text")
    }
  }

  /// The shape of `table` from the rows of `columnsQuery`.
  public static func shape(
    of table: RemoteTableName, columns rows: Table, dialect: any SQLDialect
  ) -> RemoteTableShape {
    var columns: [RemoteColumn] = []
    var items: [String] = []
    var converts = false
    let names = rows.column(named: "name")
    let types = rows.column(named: "type")
    let precisions = rows.column(named: "precision")
    let scales = rows.column(named: "scale")
    for row in 0..<rows.rowCount {
      guard case .string(let name)? = names?.value(at: row),
        case .string(let remoteType)? = types?.value(at: row)
      else { continue }
      var precision: Int? = nil
      var scale: Int? = nil
      if case .int(let value)? = precisions?.value(at: row) { precision = Int(value) }
      if case .int(let value)? = scales?.value(at: row) { scale = Int(value) }
      let quoted = dialect.identifier(name)
      let (type, conversion, note) = mapping(
        remoteType: remoteType, precision: precision, scale: scale, column: quoted)
      let shown =
        remoteType == "numeric" && precision != nil
        ? "numeric(\(precision ?? 0),\(scale ?? 0))" : remoteType
      columns.append(RemoteColumn(name: name, remoteType: shown, type: type, note: note))
      if let conversion {
        converts = true
        items.append("\(conversion) AS \(quoted)")
      } else {
        items.append(quoted)
      }
    }
    let qualified = dialect.identifier(table.schema) + "." + dialect.identifier(table.name)
    let relation =
      converts
      ? "(SELECT \(items.joined(separator: ", ")) FROM \(qualified)) AS \(dialect.identifier(table.name))"
      : qualified
    return RemoteTableShape(table: table, columns: columns, relation: SQLRelation(sql: relation))
  }
}
