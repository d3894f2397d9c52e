-- units.csv with the <none> token turned back into '' (a bare index or ratio).
select
    case when unit = '<none>' then '' else unit end as unit,
    quantity_kind,
    base_unit,
    cast(multiplier as double)                      as multiplier,
    description
from {{ ref('units') }}
