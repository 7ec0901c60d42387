"""Tests of the foundation as a product: the wheel, third-party plugins, the scaffold, the docs."""
