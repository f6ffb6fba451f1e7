"""Story import and export in the JSON interchange format described in docs/import-format.md.

``validation`` reads and checks a whole file without writing anything, ``importing`` writes the
checked records in one transaction, ``exporting`` writes every story back out in the same format.
"""
