"""Forms of the staff register's admin pages."""

from django import forms
from django.contrib.auth.models import User


class NewAccountForm(forms.ModelForm):
    """A new account without a password: staff sign in through the municipality's login."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user
