"""Package layout that pyproject.toml alone cannot express.

The repository keeps StreamField blocks in ``blocks/`` and templates in
``templates/`` (easy to find for designers), but the distribution claims a
single import name: both are shipped inside ``kyanh_cms`` so a host portal's
own ``blocks`` or ``templates`` never clash with ours.
"""

from setuptools import find_packages, setup

packages = find_packages(include=["kyanh_cms", "kyanh_cms.*"])
packages += ["kyanh_cms.blocks"] + [
    f"kyanh_cms.blocks.{name}" for name in find_packages("blocks")
]
# Templates are data, not code; listing the folder as a package is how
# setuptools maps a directory outside the package into it.
packages.append("kyanh_cms.templates")

setup(
    packages=packages,
    package_dir={
        "kyanh_cms": "kyanh_cms",
        "kyanh_cms.blocks": "blocks",
        "kyanh_cms.templates": "templates",
    },
    package_data={
        "kyanh_cms": ["static/**/*", "locale/**/*", "*/locale/**/*"],
        "kyanh_cms.templates": ["**/*"],
    },
    include_package_data=False,
)
