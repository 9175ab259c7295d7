-- Typo correction asks "the few lexicon words nearest to this one": a GiST trigram index answers that
-- by walking the index in distance order (ORDER BY word <-> :w LIMIT n), where GIN has to score every
-- candidate. The SP-GiST index answers "is this word a prefix of a known word" (word ^@ :w), which
-- tells a half-typed word from a misspelt one.
DROP INDEX search_lexicon_trgm;
CREATE INDEX search_lexicon_trgm ON search_lexicon USING gist (word gist_trgm_ops);
CREATE INDEX search_lexicon_prefix ON search_lexicon USING spgist (word);
