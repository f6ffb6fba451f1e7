"""Secrets the distribution tests look for: a draft's, a private story's and a consent record's.

The stories that carry them are built by the ``stories`` fixture in tests/conftest.py.
"""

SECRET_DRAFT = "ร่างที่ยังไม่เผยแพร่ DRAFT-SECRET"
SECRET_PRIVATE = "เรื่องเฉพาะสมาชิก PRIVATE-SECRET"
CONSENT_SECRET = "ผู้ให้ความยินยอม CONSENT-SECRET"
