package fetch

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// dialControl refuses connections to addresses outside the allowed networks.
// It runs after DNS resolution, on the address actually dialled.
func dialControl(allowed []netip.Prefix) func(network, address string, _ syscall.RawConn) error {
	if len(allowed) == 0 {
		return nil
	}
	return func(network, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrBlockedNetwork, address)
		}
		ip, err := netip.ParseAddr(host)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrBlockedNetwork, address)
		}
		ip = ip.Unmap()
		for _, p := range allowed {
			if p.Contains(ip) {
				return nil
			}
		}
		return fmt.Errorf("%w: %s", ErrBlockedNetwork, ip)
	}
}
