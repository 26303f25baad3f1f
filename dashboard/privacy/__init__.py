"""The AVG's rights for one person: inzage (art. 15) and erasure (art. 17).

docs/privacy-requests.md describes how a request is handled and what stays."""
