from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current address with another page number, keeping the other query parameters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{urlencode(sorted(query.items()))}"
