"""Accounts, roles, secrets and the tamper-evident audit chain: pure building blocks, no Qt."""
