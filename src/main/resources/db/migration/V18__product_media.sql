-- Uploaded product images (catalog media). Rows without storage_key are images Surge does not keep itself
-- (external URLs such as the demo catalog's): deleting one removes only the row.
ALTER TABLE product_images
    ADD COLUMN storage_key  text,
    ADD COLUMN content_type text,
    ADD COLUMN width        int,
    ADD COLUMN height       int,
    ADD COLUMN byte_size    bigint,
    -- [{size, url, width, height, key}], set once by the thumbnail consumer; NULL until then
    ADD COLUMN thumbnails   jsonb,
    ADD COLUMN created_at   timestamptz NOT NULL DEFAULT now();

CREATE UNIQUE INDEX product_images_storage_key ON product_images (storage_key) WHERE storage_key IS NOT NULL;
