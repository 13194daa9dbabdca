/// Where a compilation stands: the relation the next step reads, its
/// columns, its row order, and the `SELECT` of the last step, still open.
struct SQLState {
  static let orderName = "__dsw_order"

  let dialect: any SQLDialect
  var builder = SQLStatementBuilder()
  /// The relation the next step reads (a table or a CTE), once the open
  /// `SELECT` is sealed.
  var from: String
  var schema: Schema
  /// The hidden column of `from` that orders its rows, if any.
  var order: String?
  /// The last step's `SELECT`, not yet a CTE.
  var openSelect: SQLSelect?
  /// True when `openSelect` is a sort whose `ORDER BY` is not yet a column.
  var openIsSort = false

  init(dialect: any SQLDialect, from: String, schema: Schema, order: String?) {
    self.dialect = dialect
    self.from = from
    self.schema = schema
    self.order = order
  }

  /// The columns to select to pass every column on: `*`, or the visible
  /// ones and the order column.
  var allItems: [String] {
    guard let order else { return ["*"] }
    return visibleItems + [dialect.identifier(order)]
  }

  var visibleItems: [String] { schema.names.map(dialect.identifier) }

  /// The fragment of column `index` of the relation being read.
  func column(_ index: Int, qualifier: String? = nil) -> SQLFragment {
    let name = dialect.identifier(schema[index].name)
    return SQLFragment(qualifier.map { $0 + "." + name } ?? name, type: schema[index].type)
  }

  func expression(_ expr: BoundExpr, qualifier: String? = nil) throws(SQLUnsupported)
    -> SQLFragment
  {
    try dialect.expression(expr) { column($0, qualifier: qualifier) }
  }

  /// `expr AS "name"`, or just the name when the expression is that column.
  func item(_ fragment: SQLFragment, named name: String) -> String {
    let quoted = dialect.identifier(name)
    return fragment.text == quoted ? quoted : fragment.text + " AS " + quoted
  }

  mutating func open(_ select: SQLSelect) {
    openSelect = select
    openIsSort = false
  }

  mutating func openSort(_ select: SQLSelect) {
    openSelect = select
    openIsSort = true
  }

  /// Makes the open `SELECT` a CTE that the next step reads. A sort's order
  /// becomes a numbered column, since a CTE's own order does not carry.
  mutating func seal() {
    guard var select = openSelect else { return }
    if openIsSort {
      select.items =
        visibleItems + [
          "row_number() OVER (ORDER BY \(select.orderBy.joined(separator: ", "))) AS "
            + dialect.identifier(Self.orderName)
        ]
      if select.limit == nil { select.orderBy = [] }
      order = Self.orderName
    }
    from = builder.add(select, dialect: dialect)
    openSelect = nil
    openIsSort = false
  }

  /// The statement, and whether its `ORDER BY` fixes the rows' order.
  func finish() -> (String, Bool) {
    var state = self
    if let select = state.openSelect, state.openIsSort || state.order == nil {
      return (state.builder.render(final: select), state.openIsSort)
    }
    state.seal()
    var final = SQLSelect(
      items: state.order == nil ? ["*"] : state.visibleItems, from: state.from)
    if let order = state.order { final.orderBy = [dialect.identifier(order)] }
    return (state.builder.render(final: final), state.order != nil)
  }
}
