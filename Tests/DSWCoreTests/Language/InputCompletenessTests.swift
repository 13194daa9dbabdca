import Testing

@testable import DSWCore

@Suite struct InputCompletenessTests {
  @Test(arguments: [
    "from t | derive y = f(",
    "from t | filter x in [1,\n 2",
    "from t |",
    "from t\n| filter x |\n\n",
    "from t |  # more to come",
    "from t | derive y = case when x then 1",
    "load \"data",
    "from t | filter s == 'it''s",
    "from t | filter s == \"a\nb",
    "from t | select a,", "from t | derive y = x +", "from t | filter a > 1 and",
    "from t | filter a ==", "from t | derive s = a ||", "from t | filter x between 1 and",
    "from t | derive y =",
  ])
  func incomplete(text: String) {
    #expect(InputCompleteness.needsMoreInput(text))
  }

  @Test(arguments: [
    "", "from t", "from t | take 5", "from t | derive y = f(x)", "from t | filter x in [1]",
    "from t | derive y = case when x then 1 end", "load \"data.csv\" as d", "from t)",
    "from t | filter x = `unclosed", "# just a comment", "from t | filter '#' == x",
    "select *", "from t | sort -n",
  ])
  func complete(text: String) {
    #expect(!InputCompleteness.needsMoreInput(text))
  }
}
