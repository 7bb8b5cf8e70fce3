package dev.reproject.orderhistory.generate;

import java.math.BigDecimal;
import java.util.List;

/** The restaurants and dishes sample orders come from: fixed, so an archive depends on the seed alone. */
final class Menu {

    record Dish(String menuItemId, String name, BigDecimal price) {
    }

    record Restaurant(long id, String name, List<Dish> dishes) {
    }

    static final List<Restaurant> RESTAURANTS = List.of(
            restaurant(1, "Ajanta",
                    "Chicken Vindaloo", "12.34", "Lamb Rogan Josh", "14.50", "Palak Paneer", "10.95",
                    "Garlic Naan", "3.25", "Vegetable Samosa", "4.75", "Mango Lassi", "3.95"),
            restaurant(2, "Sakura Sushi Bar",
                    "Salmon Nigiri", "6.50", "Dragon Roll", "13.75", "Spicy Tuna Roll", "9.25",
                    "Miso Soup", "3.50", "Chicken Teriyaki", "12.95", "Edamame", "4.25"),
            restaurant(3, "Trattoria da Marco",
                    "Margherita Pizza", "11.50", "Spaghetti Carbonara", "13.95", "Lasagne al Forno", "14.25",
                    "Risotto ai Funghi", "15.50", "Tiramisu", "6.75", "Bruschetta", "5.95"),
            restaurant(4, "El Taco Loco",
                    "Carnitas Tacos", "9.75", "Chicken Burrito", "11.25", "Beef Quesadilla", "10.50",
                    "Chips and Guacamole", "5.50", "Churros", "4.95", "Horchata", "3.25"),
            restaurant(5, "Golden Dragon",
                    "Kung Pao Chicken", "12.25", "Beef with Broccoli", "13.50", "Vegetable Spring Rolls", "4.95",
                    "Hot and Sour Soup", "4.50", "Yangzhou Fried Rice", "9.95", "Mapo Tofu", "11.75"),
            restaurant(6, "Le Petit Café",
                    "Croque Monsieur", "9.50", "Quiche Lorraine", "10.25", "Soupe à l'Oignon", "7.95",
                    "Crème Brûlée", "6.50", "Salade Niçoise", "12.75", "Pain au Chocolat", "3.45"),
            restaurant(7, "Burger Barn",
                    "Classic Cheeseburger", "10.95", "Bacon BBQ Burger", "12.95", "Veggie Burger", "10.50",
                    "Sweet Potato Fries", "4.25", "Onion Rings", "4.50", "Chocolate Milkshake", "5.75"),
            restaurant(8, "Pho Saigon",
                    "Pho Bo", "11.95", "Bun Cha", "12.50", "Banh Mi", "8.75",
                    "Fresh Summer Rolls", "6.25", "Lemongrass Chicken", "13.25", "Vietnamese Iced Coffee", "4.50"),
            restaurant(9, "Athens Grill",
                    "Lamb Gyro", "10.75", "Chicken Souvlaki", "11.50", "Moussaka", "14.95",
                    "Greek Salad", "9.25", "Spanakopita", "6.50", "Baklava", "4.95"),
            restaurant(10, "Bangkok Spice",
                    "Pad Thai", "12.50", "Green Curry", "13.25", "Tom Yum Soup", "6.95",
                    "Massaman Curry", "13.95", "Papaya Salad", "8.50", "Mango Sticky Rice", "6.25"),
            restaurant(11, "Seoul Kitchen",
                    "Bibimbap", "13.50", "Korean Fried Chicken", "14.25", "Bulgogi", "15.75",
                    "Kimchi Pancake", "8.95", "Japchae", "11.50", "Tteokbokki", "9.75"),
            restaurant(12, "Green Bowl",
                    "Quinoa Power Bowl", "11.95", "Falafel Wrap", "9.50", "Avocado Toast", "8.25",
                    "Kale Caesar Salad", "10.75", "Lentil Soup", "6.50", "Berry Smoothie", "5.95"),
            restaurant(13, "Casa Paella",
                    "Paella Valenciana", "18.50", "Patatas Bravas", "6.75", "Gambas al Ajillo", "11.95",
                    "Tortilla Española", "7.50", "Jamón Croquetas", "8.25", "Crema Catalana", "5.95"));

    private Menu() {
    }

    private static Restaurant restaurant(long id, String name, String... dishesAndPrices) {
        Dish[] dishes = new Dish[dishesAndPrices.length / 2];
        for (int i = 0; i < dishes.length; i++) {
            dishes[i] = new Dish(Integer.toString(i + 1), dishesAndPrices[2 * i],
                    new BigDecimal(dishesAndPrices[2 * i + 1]));
        }
        return new Restaurant(id, name, List.of(dishes));
    }
}
