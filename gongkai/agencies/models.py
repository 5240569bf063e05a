from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The platform's own user model, from day one (extended by the agencies work)."""
