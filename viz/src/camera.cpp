// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/camera.hpp"

#include <algorithm>

namespace viz {

sf::View worldView(const Camera& camera, const sf::FloatRect& viewport, sf::Vector2u targetSize) {
    const auto ppm = static_cast<float>(camera.pixelsPerMetre);
    sf::View view(toScene(camera.centre), {viewport.width / ppm, viewport.height / ppm});
    view.setViewport({viewport.left / static_cast<float>(targetSize.x), viewport.top / static_cast<float>(targetSize.y),
                      viewport.width / static_cast<float>(targetSize.x), viewport.height / static_cast<float>(targetSize.y)});
    return view;
}

sim::Vec2 pixelToWorld(const Camera& camera, const sf::FloatRect& viewport, sf::Vector2f pixel) {
    const double dx = pixel.x - (viewport.left + viewport.width / 2.0);
    const double dy = pixel.y - (viewport.top + viewport.height / 2.0);
    return {camera.centre.x + dx / camera.pixelsPerMetre, camera.centre.y - dy / camera.pixelsPerMetre};
}

sf::Vector2f worldToPixel(const Camera& camera, const sf::FloatRect& viewport, sim::Vec2 p) {
    const double x = viewport.left + viewport.width / 2.0 + (p.x - camera.centre.x) * camera.pixelsPerMetre;
    const double y = viewport.top + viewport.height / 2.0 - (p.y - camera.centre.y) * camera.pixelsPerMetre;
    return {static_cast<float>(x), static_cast<float>(y)};
}

void pan(Camera& camera, sf::Vector2f pixels) {
    camera.centre.x -= pixels.x / camera.pixelsPerMetre;
    camera.centre.y += pixels.y / camera.pixelsPerMetre;
}

void zoomAt(Camera& camera, const sf::FloatRect& viewport, sf::Vector2f pixel, double factor) {
    const sim::Vec2 before = pixelToWorld(camera, viewport, pixel);
    camera.pixelsPerMetre = std::clamp(camera.pixelsPerMetre * factor, kMinPixelsPerMetre, kMaxPixelsPerMetre);
    const sim::Vec2 after = pixelToWorld(camera, viewport, pixel);
    camera.centre = camera.centre + (before - after);
}

void fitTo(Camera& camera, const sf::FloatRect& viewport, const WorldBox& box) {
    constexpr double kMargin = 1.15;
    const double width = std::max(box.sMax - box.sMin, 1.0) * kMargin;
    const double height = std::max(box.dMax - box.dMin, 1.0) * kMargin;
    camera.centre = {(box.sMin + box.sMax) / 2.0, (box.dMin + box.dMax) / 2.0};
    camera.pixelsPerMetre = std::clamp(std::min(viewport.width / width, viewport.height / height), kMinPixelsPerMetre,
                                       kMaxPixelsPerMetre);
}

WorldBox visibleBox(const Camera& camera, const sf::FloatRect& viewport) {
    const double halfW = viewport.width / 2.0 / camera.pixelsPerMetre;
    const double halfH = viewport.height / 2.0 / camera.pixelsPerMetre;
    return {camera.centre.x - halfW, camera.centre.x + halfW, camera.centre.y - halfH, camera.centre.y + halfH};
}

}  // namespace viz
