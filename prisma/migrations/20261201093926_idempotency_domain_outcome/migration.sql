-- Records keep the domain outcome of their request, which lib/http presents at every answer.
ALTER TABLE "IdempotencyRecord" ADD COLUMN "outcome" TEXT;

-- Records completed before this migration keep their exact answer as a stored response.
UPDATE "IdempotencyRecord"
SET "outcome" = json_build_object('kind', 'stored_response', 'status', "responseStatus", 'body', "responseBody")::text
WHERE "responseStatus" IS NOT NULL AND "responseBody" IS NOT NULL;

ALTER TABLE "IdempotencyRecord" DROP COLUMN "responseBody",
DROP COLUMN "responseStatus";
