// ase-standin runs a check's Python stand-in for a command-line tool (ffmpeg, dig, pandoc...)
// in a fork of a warm interpreter instead of a fresh one.
//
// A stand-in is a script whose first line is "#!<this program>" and whose second line is
// "# ase-standin {JSON}" naming the check's server socket, the tool and the Python to fall
// back on; the rest is the stand-in's Python source. The kernel runs this program with the
// script's path and the tool's arguments. It hands the server its arguments, environment,
// standard streams and working directory (the descriptors themselves, over the socket), waits
// for the stand-in's exit status and exits with it. A stand-in run this way starts in about
// a millisecond instead of the 20-30 ms of an interpreter, and checks run it once per payload.
//
// When the server cannot be reached, the script runs as an ordinary Python program: the
// result is the same, only slower.
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"
)

const marker = "# ase-standin "

type header struct {
	Socket string `json:"socket"`
	Tool   string `json:"tool"`
	Python string `json:"python"`
}

type request struct {
	Tool string   `json:"tool"`
	Argv []string `json:"argv"`
	Env  []string `json:"env"`
}

func readHeader(script string) (header, error) {
	var h header
	file, err := os.Open(script)
	if err != nil {
		return h, err
	}
	defer file.Close()
	lines := bufio.NewReader(io.LimitReader(file, 8192))
	for i := 0; i < 2; i++ {
		line, err := lines.ReadString('\n')
		if i == 1 && strings.HasPrefix(line, marker) {
			return h, json.Unmarshal([]byte(strings.TrimPrefix(line, marker)), &h)
		}
		if err != nil {
			break
		}
	}
	return h, fmt.Errorf("%s: no %q line", script, strings.TrimSpace(marker))
}

// descriptors are the standard streams and the working directory; a closed stream is
// passed as /dev/null, as a tool started with it closed would mostly see.
func descriptors() ([]int, error) {
	fds := make([]int, 0, 4)
	for fd := 0; fd < 3; fd++ {
		if _, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_GETFD, 0); errno != 0 {
			null, err := syscall.Open("/dev/null", syscall.O_RDWR, 0)
			if err != nil {
				return nil, err
			}
			fds = append(fds, null)
			continue
		}
		fds = append(fds, fd)
	}
	cwd, err := syscall.Open(".", syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return nil, err
	}
	return append(fds, cwd), nil
}

// run asks the server to run the stand-in; its status: an exit code, or minus a signal number.
func run(h header, argv []string) (int32, error) {
	conn, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: h.Socket, Net: "unix"})
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	body, err := json.Marshal(request{Tool: h.Tool, Argv: argv, Env: os.Environ()})
	if err != nil {
		return 0, err
	}
	fds, err := descriptors()
	if err != nil {
		return 0, err
	}
	message := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	if _, _, err := conn.WriteMsgUnix(append(message, body...), syscall.UnixRights(fds...), nil); err != nil {
		return 0, err
	}
	var status int32
	if err := binary.Read(conn, binary.BigEndian, &status); err != nil {
		return 0, fmt.Errorf("the server gave no status: %w", err)
	}
	return status, nil
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: ase-standin SCRIPT [ARG...] (as the #! line of a stand-in script)")
		os.Exit(2)
	}
	script := os.Args[1]
	h, err := readHeader(script)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ase-standin: %v\n", err)
		os.Exit(127)
	}
	status, err := run(h, os.Args[1:])
	if err != nil {
		if h.Socket != "" && h.Python != "" {
			// no server (the check that started it has ended, or it was never started)
			argv := append([]string{h.Python, "-IS"}, os.Args[1:]...)
			err = syscall.Exec(h.Python, argv, os.Environ())
		}
		fmt.Fprintf(os.Stderr, "ase-standin: %s: %v\n", h.Tool, err)
		os.Exit(127)
	}
	if status < 0 {
		signal := syscall.Signal(-status)
		// die of the same signal, so that the caller sees what it would have seen
		_ = syscall.Kill(os.Getpid(), signal)
		os.Exit(128 + int(signal))
	}
	os.Exit(int(status))
}
