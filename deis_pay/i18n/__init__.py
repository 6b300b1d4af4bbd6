"""What people read, in their language: the current language and `tr` (language), the English
catalogue keyed by the French text (english), and the sentence of every notice and error code
(messages). It may import the rules (to say their results), deis_pay.data and deis_pay.core.
"""
