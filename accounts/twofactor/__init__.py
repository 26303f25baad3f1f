"""The second factor: TOTP (authenticator app) with recovery codes through django-otp, and
passkeys (WebAuthn). See docs/2fa.md for who must give one and how it is enforced."""
