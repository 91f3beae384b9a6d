"""Settings: base.py for every environment (read from the environment), test.py for the test suite."""
