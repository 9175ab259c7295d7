package dev.surge.catalog.demo;

import java.util.List;

/** The vocabulary demo products are made of: a two-level category tree and words per leaf category. */
final class DemoCatalogData {

    private DemoCatalogData() {
    }

    /** How a leaf category's variants differ. */
    enum Options { COLOR, SIZE, SHOE_SIZE, STORAGE, VOLUME, WEIGHT, NONE }

    record Leaf(String name, Options options, long minPrice, long maxPrice, List<String> nouns) {
    }

    record Root(String name, List<Leaf> leaves) {
    }

    static final List<Root> TREE = List.of(
            new Root("Electronics", List.of(
                    new Leaf("Phones", Options.STORAGE, 9_900, 129_900,
                            List.of("Smartphone", "Phone Case", "Charger", "Screen Protector")),
                    new Leaf("Laptops", Options.STORAGE, 39_900, 249_900,
                            List.of("Laptop", "Ultrabook", "Laptop Stand", "Docking Station")),
                    new Leaf("Audio", Options.COLOR, 1_900, 59_900,
                            List.of("Headphones", "Earbuds", "Speaker", "Soundbar", "Turntable")),
                    new Leaf("Cameras", Options.COLOR, 4_900, 189_900,
                            List.of("Camera", "Lens", "Tripod", "Action Camera")))),
            new Root("Home", List.of(
                    new Leaf("Kitchen", Options.COLOR, 1_200, 29_900,
                            List.of("Chef Knife", "Frying Pan", "Kettle", "Blender", "Coffee Grinder")),
                    new Leaf("Furniture", Options.COLOR, 4_900, 149_900,
                            List.of("Desk", "Armchair", "Bookshelf", "Side Table")),
                    new Leaf("Lighting", Options.COLOR, 1_900, 39_900,
                            List.of("Desk Lamp", "Floor Lamp", "Pendant Light")),
                    new Leaf("Decor", Options.COLOR, 900, 19_900,
                            List.of("Vase", "Throw Pillow", "Wall Clock", "Candle")))),
            new Root("Fashion", List.of(
                    new Leaf("Men", Options.SIZE, 1_900, 29_900, List.of("Shirt", "Chinos", "Jacket", "Sweater")),
                    new Leaf("Women", Options.SIZE, 1_900, 34_900, List.of("Dress", "Blouse", "Coat", "Skirt")),
                    new Leaf("Shoes", Options.SHOE_SIZE, 3_900, 24_900,
                            List.of("Sneakers", "Boots", "Sandals", "Loafers")),
                    new Leaf("Accessories", Options.COLOR, 1_500, 49_900,
                            List.of("Backpack", "Wallet", "Sunglasses", "Watch")))),
            new Root("Sports", List.of(
                    new Leaf("Fitness", Options.WEIGHT, 1_500, 19_900,
                            List.of("Yoga Mat", "Dumbbell", "Kettlebell", "Resistance Band")),
                    new Leaf("Outdoor", Options.COLOR, 1_900, 59_900,
                            List.of("Tent", "Sleeping Bag", "Hiking Pack", "Headlamp")),
                    new Leaf("Cycling", Options.SIZE, 1_900, 29_900,
                            List.of("Bike Helmet", "Bike Light", "Cycling Jersey")))),
            new Root("Beauty", List.of(
                    new Leaf("Skincare", Options.VOLUME, 900, 9_900,
                            List.of("Moisturizer", "Cleanser", "Serum", "Sunscreen")),
                    new Leaf("Fragrance", Options.VOLUME, 2_900, 24_900,
                            List.of("Eau de Parfum", "Cologne", "Body Mist")))),
            new Root("Books", List.of(
                    new Leaf("Fiction", Options.NONE, 799, 3_499, List.of("Novel", "Thriller", "Short Stories")),
                    new Leaf("Non-fiction", Options.NONE, 999, 5_999,
                            List.of("Cookbook", "Biography", "Field Guide")))),
            new Root("Toys", List.of(
                    new Leaf("Games and Puzzles", Options.NONE, 999, 8_999,
                            List.of("Puzzle", "Board Game", "Card Game")),
                    new Leaf("Building Sets", Options.NONE, 1_999, 19_999, List.of("Building Set", "Marble Run")))),
            new Root("Grocery", List.of(
                    new Leaf("Coffee and Tea", Options.WEIGHT, 599, 4_999,
                            List.of("Coffee Beans", "Green Tea", "Espresso Pods")),
                    new Leaf("Snacks", Options.WEIGHT, 299, 1_999, List.of("Granola", "Dark Chocolate", "Trail Mix")))));

    static final List<String> BRANDS = List.of("Aurora", "Nimbus", "Ember", "Atlas", "Summit", "Harbor", "Lumen",
            "Willow", "Cobalt", "Juniper", "Orbit", "Quartz", "Sierra", "Tundra", "Vertex", "Zephyr", "Maple", "Onyx",
            "Pioneer", "Saffron", "Meridian", "Boreal", "Kestrel", "Solstice");

    static final List<String> ADJECTIVES = List.of("Classic", "Premium", "Compact", "Wireless", "Ergonomic",
            "Vintage", "Modern", "Organic", "Ultralight", "Essential", "Deluxe", "Lightweight", "Portable", "Smart",
            "Handcrafted", "Recycled", "Professional", "Everyday", "Waterproof", "Minimalist");

    static final List<String> MERCHANT_SUFFIXES = List.of("Outfitters", "Supply Co", "Goods", "Market", "Studio",
            "Trading", "Collective", "Works");

    static final List<String> USES = List.of("daily use", "weekend trips", "small apartments", "busy kitchens",
            "long workdays", "gift giving", "the great outdoors", "travel", "quiet evenings at home");

    static final List<String> FEATURES = List.of("Built from durable materials that age well",
            "Designed with a focus on comfort and simple care", "Tested by our team for months before launch",
            "Packed in plastic-free, recyclable packaging", "Backed by a two-year warranty",
            "Made in small batches by an independent workshop");

    static final List<String> COLORS = List.of("Black", "White", "Navy", "Olive", "Sand", "Charcoal", "Rust");
    static final List<String> SIZES = List.of("XS", "S", "M", "L", "XL");
    static final List<String> SHOE_SIZES = List.of("38", "39", "40", "41", "42", "43", "44", "45");
    static final List<String> STORAGE = List.of("64GB", "128GB", "256GB", "512GB", "1TB");
    static final List<String> VOLUMES = List.of("30ml", "50ml", "100ml");
    static final List<String> WEIGHTS = List.of("250g", "500g", "1kg");
}
