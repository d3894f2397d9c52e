{#- Lookup key for an indicator name as written: drops whitespace (also full-width and
    no-break spaces) and quotes, turns full-width parentheses into ASCII, spells 规上 as
    规模以上 and 地区生产总值 as GDP. Used on both sides of the indicator_forms lookup. -#}
{% macro normalize_indicator(expr) -%}
replace(replace(replace(replace(
    regexp_replace(regexp_replace(coalesce({{ expr }}, ''), '[[:space:]\x{3000}\x{00A0}]+', '', 'g'), '[“”"''‘’]', '', 'g'),
    '（', '('), '）', ')'), '规上', '规模以上'), '地区生产总值', 'GDP')
{%- endmacro %}

{#- Plan title key: removes 《》, quotes and whitespace. -#}
{% macro normalize_title(expr) -%}
regexp_replace(coalesce({{ expr }}, ''), '[《》“”"''‘’「」[:space:]\x{3000}\x{00A0}]+', '', 'g')
{%- endmacro %}

{#- 16 hex digits of the MD5 of the given expressions joined by '|' (NULL as ''). -#}
{% macro short_hash(exprs) -%}
substr(md5(concat_ws('|', {% for e in exprs %}coalesce(cast({{ e }} as varchar), ''){% if not loop.last %}, {% endif %}{% endfor %})), 1, 16)
{%- endmacro %}
