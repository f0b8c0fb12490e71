"""The catalogue of channels and portals, and the code that provisions sites from it."""
