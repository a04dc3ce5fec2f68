// Every organization's family: its topmost parent (itself when it has none), so that Huawei
// Marine and Huawei meet when projects are compared. Recomputed in SQL whenever parents change.

/** Sets organizations.family_id from the parent chain; a cycle leaves its members their own family. */
export const FAMILY_UPDATE = `
  with recursive chain(id, root, depth) as (
    select id, id, 0 from organizations where parent_id is null
    union all
    select o.id, chain.root, chain.depth + 1 from organizations o join chain on o.parent_id = chain.id where chain.depth < 32
  )
  update organizations set family_id = coalesce((select root from chain where chain.id = organizations.id), id)`;
