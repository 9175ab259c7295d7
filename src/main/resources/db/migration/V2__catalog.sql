CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE merchants (
    id         uuid PRIMARY KEY,
    slug       text        NOT NULL UNIQUE,
    name       text        NOT NULL,
    status     text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE categories (
    id         uuid PRIMARY KEY,
    parent_id  uuid REFERENCES categories (id),
    slug       text        NOT NULL UNIQUE,
    name       text        NOT NULL,
    position   int         NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX categories_parent ON categories (parent_id);

-- price_minor/currency hold the lowest variant price, kept with the product so that price filters and
-- price sorting use one index instead of aggregating variants per request.
CREATE TABLE products (
    id            uuid PRIMARY KEY,
    merchant_id   uuid        NOT NULL REFERENCES merchants (id),
    category_id   uuid        NOT NULL REFERENCES categories (id),
    slug          text        NOT NULL UNIQUE,
    title         text        NOT NULL,
    description   text        NOT NULL DEFAULT '',
    status        text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
    featured      boolean     NOT NULL DEFAULT false,
    price_minor   bigint      NOT NULL CHECK (price_minor >= 0),
    currency      char(3)     NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED
);
CREATE INDEX products_active_newest ON products (id DESC) WHERE status = 'ACTIVE';
CREATE INDEX products_active_price ON products (price_minor, id) WHERE status = 'ACTIVE';
CREATE INDEX products_category ON products (category_id, id DESC) WHERE status = 'ACTIVE';
CREATE INDEX products_merchant ON products (merchant_id, id DESC);
CREATE INDEX products_featured ON products (id DESC) WHERE featured AND status = 'ACTIVE';
CREATE INDEX products_search ON products USING gin (search_vector);
CREATE INDEX products_title_trgm ON products USING gin (title gin_trgm_ops);

CREATE TABLE product_variants (
    id            uuid PRIMARY KEY,
    product_id    uuid        NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sku           text        NOT NULL UNIQUE,
    title         text        NOT NULL,
    price_minor   bigint      NOT NULL CHECK (price_minor >= 0),
    currency      char(3)     NOT NULL,
    attributes    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    stock_on_hand int         NOT NULL DEFAULT 0 CHECK (stock_on_hand >= 0),
    position      int         NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_variants_product ON product_variants (product_id, position);
CREATE INDEX product_variants_in_stock ON product_variants (product_id) WHERE stock_on_hand > 0;

CREATE TABLE product_images (
    id         uuid PRIMARY KEY,
    product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    url        text NOT NULL,
    alt        text NOT NULL DEFAULT '',
    position   int  NOT NULL DEFAULT 0
);
CREATE INDEX product_images_product ON product_images (product_id, position);

-- Words seen in product titles, for typo tolerance: a misspelt query word is corrected to its nearest
-- lexicon words by trigram similarity before the full-text query runs.
CREATE TABLE search_lexicon (
    word text PRIMARY KEY
);
CREATE INDEX search_lexicon_trgm ON search_lexicon USING gin (word gin_trgm_ops);

CREATE FUNCTION search_lexicon_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_lexicon (word)
    SELECT DISTINCT w
    FROM new_rows, regexp_split_to_table(lower(new_rows.title), '[^[:alnum:]]+') AS w
    WHERE length(w) >= 3
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE TRIGGER products_lexicon_insert
    AFTER INSERT ON products REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_lexicon_add();
CREATE TRIGGER products_lexicon_update
    AFTER UPDATE ON products REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_lexicon_add();
