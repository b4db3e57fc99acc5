"""Log-in with MitID Erhverv through NemLog-in (SAML 2.0, OIOSAML 3). ADR 0013."""
