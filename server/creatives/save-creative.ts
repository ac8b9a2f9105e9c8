import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { creativeGroups, creatives, offers, partnerGroups } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { Storage } from "@/server/storage";
import { inspectImage, type InspectedImage } from "./inspect-file";
import { kindProblems, type CreateCreativeInput, type UpdateCreativeInput } from "./schemas";
import { DAY_MS } from "@/server/time/days";

/** A start date begins at 00:00 UTC; an end date is inclusive, so it ends at the next day's 00:00 UTC. */
const startOf = (d?: string) => (d ? new Date(`${d}T00:00:00Z`) : null);
const endOf = (d?: string) => (d ? new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS) : null);

type Upload = { key: string; image: InspectedImage; name: string };

/** Checks the bytes and stores them under a fresh key; throws (storing nothing) when the file is refused. */
async function storeImage(store: Storage, creativeId: string, version: number, file: { name: string; data: string }): Promise<Upload> {
  const bytes = Buffer.from(file.data, "base64");
  const image = await inspectImage(bytes);
  const key = `creatives/${creativeId.toLowerCase()}/v${version}.${image.ext}`;
  await store.put(key, bytes, { contentType: image.type });
  return { key, image, name: file.name.replace(/[^\w.\- ]+/g, "_").slice(0, 120) };
}

async function checkGroups(db: DbOrTx, groupIds: string[]) {
  if (groupIds.length === 0) return;
  const found = await db.select({ id: partnerGroups.id }).from(partnerGroups).where(inArray(partnerGroups.id, groupIds));
  if (found.length !== new Set(groupIds).size) throw new DomainError("BAD_REQUEST", "Pick groups from the list", "groupIds");
}

const fileColumns = (u: Upload) => ({ fileKey: u.key, fileType: u.image.type, fileSize: u.image.size, fileName: u.name, width: u.image.width, height: u.image.height });

/** A new creative; a banner's file is checked and stored first, and removed again if the row cannot be written. */
export async function createCreative(db: Db, store: Storage, input: CreateCreativeInput & { actorId: string | null }) {
  const [offer] = await db.select({ id: offers.id }).from(offers).where(eq(offers.id, input.offerId));
  if (!offer) throw new DomainError("BAD_REQUEST", "Pick an offer", "offerId");
  await checkGroups(db, input.groupIds);
  const id = newId("creative");
  const upload = input.kind === "image" && input.file ? await storeImage(store, id, 1, input.file) : null;
  try {
    await db.transaction(async (tx) => {
      await tx.insert(creatives).values({
        id,
        offerId: offer.id,
        kind: input.kind,
        name: input.name,
        language: input.language ?? null,
        tags: [...new Set(input.tags)],
        body: input.kind === "image" ? null : (input.body ?? null),
        subject: input.kind === "email" ? (input.subject ?? null) : null,
        altText: input.kind === "image" ? (input.altText ?? input.name) : null,
        ...(upload ? fileColumns(upload) : {}),
        startsAt: startOf(input.startsOn),
        endsAt: endOf(input.endsOn),
        createdBy: input.actorId,
      });
      if (input.groupIds.length) await tx.insert(creativeGroups).values([...new Set(input.groupIds)].map((groupId) => ({ creativeId: id, groupId })));
    });
  } catch (error) {
    if (upload) await store.delete(upload.key);
    throw error;
  }
  return { creativeId: id };
}

/** Edits a creative; a new file replaces the banner under a new key (the old file is removed once the row points away from it). */
export async function updateCreative(db: Db, store: Storage, input: UpdateCreativeInput) {
  const [row] = await db.select().from(creatives).where(eq(creatives.id, input.creativeId));
  if (!row) throw new DomainError("NOT_FOUND", "This creative does not exist");
  const problem = kindProblems({ ...input, kind: row.kind }, row.kind === "image" ? Boolean(input.file ?? row.fileKey) : Boolean(input.file))[0];
  if (problem) throw new DomainError("BAD_REQUEST", problem.message, problem.field);
  await checkGroups(db, input.groupIds);
  const upload = input.file ? await storeImage(store, row.id, row.version + 1, input.file) : null;
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(creatives)
        .set({
          name: input.name,
          language: input.language ?? null,
          tags: [...new Set(input.tags)],
          body: row.kind === "image" ? null : (input.body ?? null),
          subject: row.kind === "email" ? (input.subject ?? null) : null,
          altText: row.kind === "image" ? (input.altText ?? input.name) : null,
          startsAt: startOf(input.startsOn),
          endsAt: endOf(input.endsOn),
          ...(upload ? { ...fileColumns(upload), version: row.version + 1 } : {}),
        })
        .where(eq(creatives.id, row.id));
      await tx.delete(creativeGroups).where(eq(creativeGroups.creativeId, row.id));
      if (input.groupIds.length) await tx.insert(creativeGroups).values([...new Set(input.groupIds)].map((groupId) => ({ creativeId: row.id, groupId })));
    });
  } catch (error) {
    if (upload) await store.delete(upload.key);
    throw error;
  }
  if (upload && row.fileKey) await store.delete(row.fileKey).catch(() => {});
  return { creativeId: row.id, version: upload ? row.version + 1 : row.version };
}

/** Archived creatives leave the partners' library and their image URLs stop answering; restoring brings both back. */
export async function setCreativeStatus(db: DbOrTx, input: { creativeId: string; status: "active" | "archived" }) {
  const rows = await db.update(creatives).set({ status: input.status }).where(and(eq(creatives.id, input.creativeId))).returning({ id: creatives.id });
  if (rows.length === 0) throw new DomainError("NOT_FOUND", "This creative does not exist");
  return { creativeId: input.creativeId, status: input.status };
}
