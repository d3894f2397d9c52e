-- The reviewed written forms, one row per normalised key (forms that normalise alike must
-- point to the same canonical indicator: the unique test on indicator_key checks it).
select
    {{ normalize_indicator('written_form') }}                   as indicator_key,
    canonical_indicator_id,
    string_agg(written_form, ' | ' order by written_form)       as written_forms,
    max(reviewed_by)                                             as reviewed_by,
    max(reviewed_on)                                             as reviewed_on
from {{ ref('indicator_forms') }}
group by 1, 2
