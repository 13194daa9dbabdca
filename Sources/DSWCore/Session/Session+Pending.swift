// TEMPORARY: replaced when the learn, profile and JSON layers are merged.
extension Session {
  func executeModelStatement(_ statement: Statement) throws(Diagnostic) -> [CellOutput] {
    throw Diagnostic.error("Z999", "pending", at: statement.span)
  }
  func scoreFields(_ model: ModelRef, input: Schema) throws(Diagnostic) -> [Schema.Field] {
    throw Diagnostic.error("Z999", "pending", at: model.name.span)
  }
  func score(_ model: ModelRef, table: Table) throws(Diagnostic) -> [(String, Column)] {
    throw Diagnostic.error("Z999", "pending", at: model.name.span)
  }
}
