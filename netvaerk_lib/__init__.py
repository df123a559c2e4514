"""netvaerk: plan, run and evaluate a peer network of leaders in private practice."""

__version__ = "0.1.0"
