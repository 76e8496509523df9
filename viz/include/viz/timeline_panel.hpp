// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "viz/frame_source.hpp"
#include "viz/view_state.hpp"

/// Playback: play, pause, step, speed (0.1x-8x), and a timeline to scrub with the run's events
/// marked on it. Side by side, one timeline drives both runs.
namespace viz {

/// Advances view.time by a wall-clock interval at the playback speed, never past what the
/// slowest source has computed; stops at the end.
void advancePlayback(ViewState& view, double wallSeconds, double available, double duration);

/// Steps one recorded frame forward (+1) or back (-1) and pauses.
void stepFrame(ViewState& view, const FrameSource& source, int direction);

/// The playback bar's contents (inside an open ImGui window). `compare` may be null.
void drawTimelinePanel(ViewState& view, const FrameSource& primary, const FrameSource* compare);

}  // namespace viz
