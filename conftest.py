# Fixtures shared by tests/ and bench/ (the rest of the tests' fixtures are in tests/conftest.py).
pytest_plugins = ["tests.site_fixtures"]
