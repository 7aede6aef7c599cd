// RefugeStorage
