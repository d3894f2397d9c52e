-- units.csv with the <none> token turned back into '' (a bare index or ratio), plus every
-- magnitude of a base unit that the seed does not list itself: 万标箱, 亿人次, 千吨 … are
-- 万/亿/千 × the seed's unit (the extractor keeps the magnitude in the unit as written).
with seed as (
    select
        case when unit = '<none>' then '' else unit end as unit,
        quantity_kind,
        base_unit,
        cast(multiplier as double)                      as multiplier,
        description
    from {{ ref('units') }}
),

magnitudes as (
    select * from (values
        ('十', 1e1), ('百', 1e2), ('千', 1e3), ('万', 1e4), ('十万', 1e5), ('百万', 1e6),
        ('千万', 1e7), ('亿', 1e8), ('十亿', 1e9), ('百亿', 1e10), ('千亿', 1e11), ('万亿', 1e12)
    ) as m(prefix, factor)
),

derived as (
    select
        m.prefix || s.unit                          as unit,
        s.quantity_kind,
        s.base_unit,
        s.multiplier * m.factor                     as multiplier,
        m.prefix || ' × ' || s.description          as description
    from seed as s
    cross join magnitudes as m
    where s.unit <> ''
      and s.quantity_kind in ('currency', 'count', 'area', 'mass', 'energy', 'power', 'volume', 'length')
      -- only units written without a magnitude of their own (元, 个, 吨), not 万元 or 千瓦
      and not regexp_matches(s.unit, '^(十|百|千|万|亿)')
),

all_units as (
    select * from seed
    union all
    select d.* from derived as d
    where not exists (select 1 from seed as s where s.unit = d.unit)
),

-- a flow written with its period (20万立方米/日, 500万吨/年): the same unit per day / per year
per_period as (
    select
        u.unit || p.suffix                          as unit,
        'intensity'                                 as quantity_kind,
        u.base_unit || p.base_suffix                as base_unit,
        u.multiplier,
        u.description || ' ' || p.label            as description
    from all_units as u
    cross join (values ('/日', '/day', 'per day'), ('/天', '/day', 'per day'), ('/年', '/year', 'per year'),
                       ('/小时', '/hour', 'per hour')) as p(suffix, base_suffix, label)
    where u.quantity_kind in ('count', 'mass', 'energy', 'volume', 'power', 'currency')
)

select * from all_units
union all
select * from per_period
