// RefugeExpressions
