-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN     "operation" TEXT,
ADD COLUMN     "targetIds" UUID[] DEFAULT ARRAY[]::UUID[];


-- Existing records: the operation and its targets as their stored paths and orders say.
UPDATE "IdempotencyRecord" r
SET operation = 'place_order',
    "targetIds" = ARRAY(SELECT o.id FROM "Order" o WHERE o."idempotencyRecordId" = r.id)
WHERE rtrim(r.path, '/') = '/api/orders';

UPDATE "IdempotencyRecord" r
SET operation = 'place_batch',
    "targetIds" = ARRAY(
      SELECT o.id FROM "Order" o
      JOIN "OrderEvent" e ON e."orderId" = o.id AND e.type = 'created'
      WHERE o."idempotencyRecordId" = r.id
      ORDER BY (e.data->>'leg')::int)
WHERE rtrim(r.path, '/') = '/api/orders/batch';

UPDATE "IdempotencyRecord" r
SET operation = 'cancel_order',
    "targetIds" = ARRAY[substring(r.path from '^/api/orders/([0-9a-fA-F-]{36})/cancel/?$')::uuid]
WHERE r.path ~ '^/api/orders/[0-9a-fA-F-]{36}/cancel/?$';
