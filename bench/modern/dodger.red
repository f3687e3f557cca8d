;redcode-94nop
;name Side Step
;author drq bench (hand-written)
;strategy A bomb-dodger: a mod-4 dwarf that watches two sentinel cells at either end of its
;strategy code; when a bomb lands on one, it copies itself 2900 cells on and carries on there.
;assert CORESIZE == 8000
away    equ     2900
g1      dat.f   #7, #7
reset   mov.i   g1, g2
        mov.ab  #len, count
        mov.f   home, mp
top     add.ab  #3332, bp
bp      mov.i   dbomb, 0
        seq.i   g1, g2
        jmp.b   move, 0
        jmp.b   top, 0
move    mov.i   }mp, >mp
count   djn.b   move, #len
        jmp.b   reset+away, 0
mp      dat.f   #0, #0
home    dat.f   #g1-mp, #g1-mp+away
dbomb   dat.f   >1, >1
g2      dat.f   #7, #7
len     equ     g2-g1+1
        end     reset
