"""Reader engagement: star ratings and captcha-protected reader comments.

``policy`` says which pages accept what, ``ratings`` records votes,
``captcha`` wraps django-simple-captcha with one-use, race-free answers,
``forms``/``views``/``urls`` are the visitor side, ``moderation`` the admin
side, ``notifications`` the optional email to the editorial office.
"""
