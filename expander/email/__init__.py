"""Reading a customer's e-mail: HTML to text, quotes and signatures, language,
names and fields, and the one personal-data masker for everything kept or shared.

Pure: no desktop library, no model. Everything here works on ``str``.
"""
