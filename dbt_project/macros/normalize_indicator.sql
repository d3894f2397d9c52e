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

{#- The indicator a statistics sentence measures, as the indicator_forms lookup knows it:
    bulletins and work reports write the scope and the change into the name (年末全市常住人口,
    全年工业投资比上年增长, 占GDP的比重). Removes leading scope words (全年, 年末, 全市, 共有 …),
    for a rate or increment the trailing change (比上年增长, 同比下降, 提高 …), and 的 before 比重.
    Only used for statistics read from documents: plan facts keep their written forms. -#}
{% macro statistic_indicator_name(name_expr, kind_expr) -%}
replace(
    regexp_replace(
        case when {{ kind_expr }} in ('rate', 'increment')
             then regexp_replace(coalesce({{ name_expr }}, ''),
                  '(比上年末|比上年|比去年|较上年末|较上年|同比)?(增长|增速|下降|降低|减少|增加|提高|回落|上升|净增)$', '')
             else coalesce({{ name_expr }}, '') end,
        '^(全年|年末|年底|全市|全县|全区|全省|全州|共有)+', ''),
    '的比重', '比重')
{%- endmacro %}

{#- True when a rate or increment is written as a fall (下降2.3%, 减少1.2万人): statistics store it
    with a minus sign, as the statistics CSV does (-2.3), while plan facts keep the verb. -#}
{% macro is_written_as_fall(name_expr, kind_expr) -%}
({{ kind_expr }} in ('rate', 'increment') and regexp_matches(coalesce({{ name_expr }}, ''), '(下降|降低|减少|回落)$'))
{%- endmacro %}

{#- Decimal places a number was written with: from the quote when it holds the number
    (6.0% → 1, table cells), else from the shortest text of the value (8730.6 → 1, 6040 → 0).
    The rounding a comparison allows is half a unit of the last written digit. -#}
{% macro written_decimals(value_expr, quote_expr) -%}
{%- set hit -%}
list_filter(regexp_extract_all(coalesce({{ quote_expr }}, ''), '[0-9]+(?:\.[0-9]+)?'),
            lambda x: abs(cast(x as double) - abs({{ value_expr }})) < 1e-9)[1]
{%- endset -%}
cast(case
    when {{ value_expr }} is null then null
    when {{ hit }} is not null
        then coalesce(length(nullif(regexp_extract({{ hit }}, '\.([0-9]+)$', 1), '')), 0)
    else coalesce(length(nullif(regexp_extract(cast({{ value_expr }} as varchar), '\.([0-9]*[1-9])0*$', 1), '')), 0)
end as integer)
{%- endmacro %}
