-- Conversions decided before attribution records existed get a version-1 record describing that decision
-- (single partner, last click / binding / coupon), so the explanation pages and re-attribution see them.
INSERT INTO "attributions" ("id", "conversion_id", "version", "source", "model", "rules", "touchpoints", "credits", "reason", "created_at")
SELECT
  'atr_' || substr(v."id", 5),
  v."id",
  1,
  v."attribution_method",
  '{"model":"last_click"}'::jsonb,
  '["decided before attribution records were kept: one partner, by the evidence named"]'::jsonb,
  CASE WHEN v."attribution_method" = 'click' AND c."id" IS NOT NULL THEN jsonb_build_array(jsonb_build_object(
    'clickId', c."id", 'at', to_char(c."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'partnerId', c."partner_id", 'linkId', c."link_id",
    'sub', jsonb_build_array(c."sub1", c."sub2", c."sub3", c."sub4", c."sub5"), 'weight', 1))
  ELSE '[]'::jsonb END,
  CASE WHEN v."partner_id" IS NOT NULL THEN jsonb_build_array(jsonb_build_object('partnerId', v."partner_id", 'credit', 1)) ELSE '[]'::jsonb END,
  coalesce(v."attribution_reason", ''),
  coalesce(v."attributed_at", v."created_at")
FROM "conversions" v
LEFT JOIN "clicks" c ON c."id" = v."click_id"
WHERE v."attribution_status" <> 'pending'
  AND NOT EXISTS (SELECT 1 FROM "attributions" a WHERE a."conversion_id" = v."id");
