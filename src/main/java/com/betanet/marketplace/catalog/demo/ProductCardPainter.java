package com.betanet.marketplace.catalog.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Draws a simple product card (a coloured backdrop, a stylised item, the brand and noun) as a PNG with Java2D. */
final class ProductCardPainter {

    static final int SIZE = 640;

    private ProductCardPainter() {}

    static byte[] paint(String brand, String noun, String family, int variant) {
        var image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            float hue = (Math.floorMod(family.hashCode(), 360) + variant * 23) / 360f;
            var light = Color.getHSBColor(hue, 0.25f, 0.98f);
            var dark = Color.getHSBColor(hue, 0.65f, 0.55f);
            g.setPaint(new GradientPaint(0, 0, light, SIZE, SIZE, Color.getHSBColor(hue, 0.4f, 0.9f)));
            g.fillRect(0, 0, SIZE, SIZE);
            // the "product": a rounded body with a highlight, rotated a little per variant
            g.rotate(Math.toRadians(variant * 7 - 7), SIZE / 2.0, SIZE / 2.0 - 40);
            var body = new RoundRectangle2D.Double(SIZE * 0.28, SIZE * 0.14, SIZE * 0.44, SIZE * 0.5, 60, 60);
            g.setPaint(new GradientPaint(0, SIZE * 0.14f, dark.brighter(), 0, SIZE * 0.64f, dark));
            g.fill(body);
            g.setColor(new Color(255, 255, 255, 90));
            g.fill(new RoundRectangle2D.Double(SIZE * 0.32, SIZE * 0.18, SIZE * 0.12, SIZE * 0.36, 30, 30));
            g.setStroke(new BasicStroke(4));
            g.setColor(dark.darker());
            g.draw(body);
            g.rotate(-Math.toRadians(variant * 7 - 7), SIZE / 2.0, SIZE / 2.0 - 40);
            g.setColor(dark.darker().darker());
            text(g, brand.toUpperCase(), 40, SIZE * 0.76f);
            g.setColor(new Color(40, 40, 40));
            text(g, noun, 30, SIZE * 0.86f);
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void text(java.awt.Graphics2D g, String text, int size, float baseline) {
        var font = new Font(Font.SANS_SERIF, Font.BOLD, size);
        var metrics = g.getFontMetrics(font);
        while (metrics.stringWidth(text) > SIZE - 60 && font.getSize() > 14) {
            font = font.deriveFont((float) font.getSize() - 2);
            metrics = g.getFontMetrics(font);
        }
        g.setFont(font);
        g.drawString(text, (SIZE - metrics.stringWidth(text)) / 2f, baseline);
    }
}
