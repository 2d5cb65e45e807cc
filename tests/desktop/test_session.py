"""What the app keeps between actions: the current customer and the
one-dialog-at-a-time gate."""

from __future__ import annotations

import threading

from expander.desktop.session import CurrentCustomer, OwnWindows


def test_current_customer_sits_over_the_defaults_and_clears_to_them() -> None:
    customer = CurrentCustomer(defaults={"agent": "Kasia", "name": "there"})
    customer.set({"name": "Anna", "order": "#1"})
    customer.update({"phone": "+48 600 100 200"})
    assert customer.get() == {
        "agent": "Kasia", "name": "Anna", "order": "#1", "phone": "+48 600 100 200"
    }  # fmt: skip
    assert customer.own() == {"name": "Anna", "order": "#1", "phone": "+48 600 100 200"}
    customer.clear()
    assert customer.own() == {}
    assert customer.get() == {"agent": "Kasia", "name": "there"}


def test_only_one_of_our_windows_opens_at_a_time() -> None:
    windows = OwnWindows()
    assert not windows.showing
    with windows.opening() as first:
        assert first and windows.showing
        seen: list[bool] = []

        def second_try() -> None:
            with windows.opening() as second:
                seen.append(second)

        thread = threading.Thread(target=second_try)
        thread.start()
        thread.join(5)
        assert seen == [False]
        assert windows.showing  # the refused second one did not release the first
    assert not windows.showing
    with windows.opening() as again:
        assert again
