"""Quality checks of translations: one small class each, collected in ``tms.checks.registry``."""
