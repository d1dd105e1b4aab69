#include "ui.h"

void ui_reset(ui_state *ui)
{
    ui->count = 0;
    ui->focus = -1;
    ui->focus_visible = false;
    ui->pressed = -1;
}

void ui_begin_frame(ui_state *ui)
{
    ui->count = 0;
}

int ui_add(ui_state *ui, SDL_FRect rect, int action, int arg)
{
    if (ui->count >= UI_MAX_TARGETS)
        return -1;
    ui->targets[ui->count] = (ui_target){rect, action, arg};
    return ui->count++;
}

int ui_hit(const ui_state *ui, float x, float y)
{
    for (int i = ui->count - 1; i >= 0; i--) {
        const SDL_FRect *r = &ui->targets[i].rect;
        if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h)
            return i;
    }
    return -1;
}

void ui_focus_move(ui_state *ui, int step)
{
    ui->focus_visible = true;
    if (ui->count == 0) {
        ui->focus = -1;
        return;
    }
    if (ui->focus < 0 || ui->focus >= ui->count)
        ui->focus = step > 0 ? 0 : ui->count - 1;
    else
        ui->focus = (ui->focus + step + ui->count) % ui->count;
}

bool ui_is_focused(const ui_state *ui, int index)
{
    return ui->focus_visible && index >= 0 && index == ui->focus;
}
